import type { Principal } from '../../auth/principal.js';
import { conflict, fromZodError } from '../../errors.js';
import type { FieldProblem } from '../../errors.js';
import { duplicateKeyIndexes, duplicateValue, isDuplicateKeyError, newRecordId } from '../../db/guards.js';
import { sameData } from '../../lib/validation.js';
import { KeysBusyError } from '../../db/key-claims.js';
import type { KeyLease } from '../../db/key-claims.js';
import type { EventBus } from '../../events.js';
import type { Logger } from '../../logger.js';
import { hallsPolicy } from './halls.policy.js';
import { rowsFrom } from './hall-import.js';
import type { ImportFormat, RawRow } from './hall-import.js';
import { announceHallChanges, buildHallDoc, regionProblems } from './hall-rules.js';
import { contentOf } from './hall.model.js';
import type { HallDoc } from './hall.model.js';
import type { HallRepository } from './hall.repository.js';
import { hallInputSchema } from './hall.validation.js';
import type { HallInput } from './hall.validation.js';
import type { RegionRepository } from '../regions/index.js';

export const IMPORT_ACTIONS = ['CREATED', 'UPDATED', 'UNCHANGED', 'INVALID'] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];

export interface ImportRowReport {
  row: number;
  line: number | null;
  code: string | null;
  action: ImportAction;
  errors: FieldProblem[];
}

export interface ImportReport {
  dryRun: boolean;
  /** True when the valid rows were written (not a dry run, and no invalid rows or skipInvalid). */
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  rows: ImportRowReport[];
}

export interface ImportOptions {
  format: ImportFormat;
  data: string;
  dryRun: boolean;
  skipInvalid: boolean;
}

/** Progress of a long import: `phase` then how many of `total` rows are done. */
export type ImportProgress = (progress: { phase: 'validate' | 'write'; done: number; total: number }) => void;

const IMPORT_CHUNK = 250;

/** An import row after conversion and schema validation (`input` is null when it failed). */
interface ParsedImportRow {
  row: RawRow;
  root: string;
  input: HallInput | null;
  errors: FieldProblem[];
}

/** What an import would write: the per-row report, the new halls and the version-guarded updates. */
interface ImportPlan {
  reports: ImportRowReport[];
  inserts: Array<{ row: number; doc: HallDoc }>;
  updates: Array<{ next: HallDoc; expectedVersion: number }>;
}

/** Bulk import of halls from CSV or JSON, with the rules of `createHall` and a per-row report. */
export class HallImporter {
  constructor(
    private readonly halls: HallRepository,
    private readonly regions: RegionRepository,
    private readonly logger: Logger,
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Validates every row with the rules of `createHall` and reports per row; writes the valid rows
   * (idempotent by code: CREATED, UPDATED or UNCHANGED) unless this is a dry run or some row is
   * INVALID and `skipInvalid` is false. The codes of the file are held while the existing halls are
   * read and the rows written, so concurrent imports (or creates) of the same codes are serialised:
   * all valid rows are written, or (CONFLICT) none.
   * @throws FORBIDDEN unless admin; BAD_USER_INPUT on `data` for an unreadable file; CONFLICT naming
   *   `rows[i].code` when a code stays busy with another writer, or a real server's unique index
   *   refuses a row (then nothing of the import is kept).
   */
  async importHalls(
    principal: Principal,
    options: ImportOptions,
    onProgress?: ImportProgress,
  ): Promise<ImportReport> {
    hallsPolicy.authorize(principal, 'importHalls');
    const rows = parseImportRows(rowsFrom(options.format, options.data));
    const at = this.now();
    if (options.dryRun) {
      const plan = await this.planImport(rows, principal, at, onProgress);
      return importReport(plan.reports, true, false);
    }
    const codes = rows.flatMap((entry) => (entry.input ? [entry.input.code] : []));
    const rowOfCode = new Map(
      rows.flatMap((entry) => (entry.input ? [[entry.input.code, entry.row.index]] : [])),
    );
    try {
      return await this.halls.withCodesHeld(
        codes,
        async (lease) => {
          const plan = await this.planImport(rows, principal, at, onProgress);
          const invalid = plan.reports.filter((report) => report.action === 'INVALID').length;
          const applied = invalid === 0 || options.skipInvalid;
          if (applied) {
            await lease.renew();
            await this.writeImport(plan, lease, onProgress);
            announceHallChanges(
              this.events,
              plan.reports
                .filter((report) => report.action === 'CREATED' || report.action === 'UPDATED')
                .flatMap((report) => (report.code ? [report.code] : [])),
            );
            this.logger.info(
              {
                by: principal.id,
                created: plan.inserts.length,
                updated: plan.updates.length,
                invalid,
              },
              'halls imported',
            );
          }
          return importReport(plan.reports, false, applied);
        },
        { waitMs: 10_000 },
      );
    } catch (error) {
      if (!(error instanceof KeysBusyError)) throw error;
      const busy = error.keys.map((code) => `rows[${rowOfCode.get(code) ?? '?'}].code`);
      throw conflict(
        `Another request is writing halls ${error.keys.slice(0, 5).join(', ')}${error.keys.length > 5 ? ', ...' : ''} of this import: nothing was imported. Retry in a moment.`,
        {
          field: busy[0],
          fields: busy.map((path) => ({ path, message: 'being changed by another request' })),
        },
      );
    }
  }

  /** Reads regions and existing halls chunk by chunk and decides each row's action (no writes). */
  private async planImport(
    rows: ParsedImportRow[],
    principal: Principal,
    at: Date,
    onProgress?: ImportProgress,
  ): Promise<ImportPlan> {
    const plan: ImportPlan = { reports: [], inserts: [], updates: [] };
    const firstRowOfCode = new Map<string, number>();
    for (let start = 0; start < rows.length; start += IMPORT_CHUNK) {
      const chunk = rows.slice(start, start + IMPORT_CHUNK);
      const valid = chunk.flatMap((entry) => (entry.input ? [entry.input] : []));
      const [regions, existing] = await Promise.all([
        this.regions.findByCodes([...new Set(valid.map((input) => input.regionCode))]),
        this.halls.findByCodes(valid.map((input) => input.code)),
      ]);
      const regionByCode = new Map(regions.map((region) => [region.code, region]));
      const hallByCode = new Map(existing.map((hall) => [hall.code, hall]));

      for (const { row, root, input, errors: parseErrors } of chunk) {
        const errors = [...parseErrors];
        const rawCode = row.value['code'];
        const code =
          input?.code ??
          (typeof rawCode === 'string' && rawCode.trim() ? rawCode.trim().toUpperCase() : null);
        if (input) {
          errors.push(...regionProblems(input, regionByCode.get(input.regionCode), root));
          const earlier = firstRowOfCode.get(input.code);
          if (earlier !== undefined) {
            errors.push({ path: `${root}.code`, message: `${input.code} is also on rows[${earlier}]` });
          } else {
            firstRowOfCode.set(input.code, row.index);
          }
        }
        const region = input ? regionByCode.get(input.regionCode) : undefined;
        const report = (action: ImportAction) =>
          plan.reports.push({ row: row.index, line: row.line, code, action, errors });
        if (!input || !region || errors.length > 0) {
          report('INVALID');
          continue;
        }
        const current = hallByCode.get(input.code);
        if (!current) {
          plan.inserts.push({
            row: row.index,
            doc: buildHallDoc(input, region, newRecordId(), 1, at, at, principal.id),
          });
          report('CREATED');
        } else if (sameData(contentOf(current), input)) {
          report('UNCHANGED');
        } else {
          const next = buildHallDoc(
            input,
            region,
            current._id,
            current.version,
            current.createdAt,
            at,
            principal.id,
          );
          plan.updates.push({ next, expectedVersion: current.version });
          report('UPDATED');
        }
      }
      onProgress?.({
        phase: 'validate',
        done: Math.min(start + IMPORT_CHUNK, rows.length),
        total: rows.length,
      });
    }
    return plan;
  }

  /**
   * Writes a planned import: first the new halls (undone if a real server's unique index refuses
   * one: then nothing was changed yet), then the version-guarded updates.
   * @throws CONFLICT naming the refused row's code; CONFLICT when a hall changed under the import
   *   (only possible for a writer that does not hold the code) or when the import stalled longer
   *   than its lease between two chunks (the message says how many rows were written).
   */
  private async writeImport(plan: ImportPlan, lease: KeyLease, onProgress?: ImportProgress): Promise<void> {
    const total = plan.inserts.length + plan.updates.length;
    let done = 0;
    const progress = (count: number) => {
      done += count;
      onProgress?.({ phase: 'write', done, total });
    };
    // Between two chunks: keep the codes held. Losing them means this process stalled longer than
    // the lease (30 s) and another writer may have taken a code: stop, and say what was written.
    const keepHolding = async () => {
      try {
        await lease.renew();
      } catch (error) {
        if (!(error instanceof KeysBusyError)) throw error;
        this.logger.error({ written: done, total }, 'an import lost its hold on its codes while writing');
        throw conflict(
          `The import stalled and lost its hold on its codes after writing ${done} of ${total} rows; the rest was not written. Run it again (it is idempotent).`,
          { written: done, total },
        );
      }
    };
    for (let start = 0; start < plan.inserts.length; start += IMPORT_CHUNK) {
      const chunk = plan.inserts.slice(start, start + IMPORT_CHUNK);
      try {
        await this.halls.insertMany(chunk.map(({ doc }) => doc));
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        await this.halls.deleteByIds(plan.inserts.map(({ doc }) => doc._id));
        const refused = chunk[duplicateKeyIndexes(error)[0] ?? 0];
        throw duplicateValue(
          `rows[${refused?.row ?? '?'}].code`,
          refused?.doc.code ?? '',
          'already taken: nothing was imported',
        );
      }
      progress(chunk.length);
      if (start + IMPORT_CHUNK < plan.inserts.length) await keepHolding();
    }
    for (let start = 0; start < plan.updates.length; start += IMPORT_CHUNK) {
      const chunk = plan.updates.slice(start, start + IMPORT_CHUNK);
      const matched = await this.halls.replaceManyAtVersions(chunk);
      if (matched < chunk.length) {
        this.logger.error(
          { expected: chunk.length, matched },
          'halls changed under an import by a writer that does not hold their codes',
        );
        throw conflict(
          `${chunk.length - matched} hall(s) of this import were changed by someone else while it ran and were not updated; the other rows were written. Run the import again.`,
        );
      }
      progress(chunk.length);
      if (start + IMPORT_CHUNK < plan.updates.length) await keepHolding();
    }
  }
}

/** Validates each raw row with the `createHall` schema (pure; region checks need the database). */
function parseImportRows(rows: RawRow[]): ParsedImportRow[] {
  return rows.map((row) => {
    const root = `rows[${row.index}]`;
    const result = hallInputSchema.safeParse(row.value);
    const errors = [...row.problems];
    if (!result.success) {
      // A field that could not be converted (e.g. unreadable hours) is reported once, as converted.
      const converted = (fromZodError(root, result.error).extensions['fields'] as FieldProblem[]).filter(
        (problem) => !row.problems.some((known) => problem.path.startsWith(known.path)),
      );
      errors.push(...converted);
    }
    return { row, root, input: result.success && errors.length === 0 ? result.data : null, errors };
  });
}

function importReport(rows: ImportRowReport[], dryRun: boolean, applied: boolean): ImportReport {
  const count = (action: ImportAction) => rows.filter((report) => report.action === action).length;
  return {
    dryRun,
    applied,
    created: count('CREATED'),
    updated: count('UPDATED'),
    unchanged: count('UNCHANGED'),
    invalid: count('INVALID'),
    rows,
  };
}
