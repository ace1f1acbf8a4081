/**
 * The baseline of row 1: a hand-written node:http handler answering what the service answers for
 * `halls(first: N)` with region, channels, opening hours and openNow, with the same MongoDB driver and
 * the same reads (one page of halls in code order, the regions and the channels of the page, each in
 * one query), serialised as the same JSON shape. No framework, no schema, no validation layers: the
 * floor a GraphQL service is compared against.
 *
 * Used by row 1 of the suite (GET /halls?first=20) and by bench/request-path.ts (a POST of the
 * HALLS_PAGE operation: the page of `variables.first`).
 *
 * Environment: MONGODB_URI, MONGODB_DB, PORT.
 */
import http from 'node:http';
import { MongoClient } from 'mongodb';

const client = new MongoClient(process.env.MONGODB_URI ?? '', { maxPoolSize: 20 });
const db = client.db(process.env.MONGODB_DB);
const halls = db.collection('halls');
const regions = db.collection('regions');
const channels = db.collection('channels');

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000; // Asia/Shanghai has no daylight saving time

/** Whether an OPEN hall is inside its hours at `at` (special dates first), in Asia/Shanghai. */
function isOpenAt(hall, at) {
  if (hall.status !== 'OPEN') return false;
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const date = local.toISOString().slice(0, 10);
  const time = local.toISOString().slice(11, 16);
  const special = hall.openingHours.special.find((entry) => entry.date === date);
  const intervals = special
    ? special.intervals
    : (hall.openingHours.weekly[(local.getUTCDay() + 6) % 7] ?? []);
  return intervals.some((interval) => interval.start <= time && time < interval.end);
}

const globalId = (type, id) => Buffer.from(`${type}:${id}`).toString('base64');

async function hallsPage(first) {
  const page = await halls
    .find({})
    .sort({ code: 1, _id: 1 })
    .limit(first + 1)
    .toArray();
  const nodes = page.slice(0, first);
  const codes = nodes.map((hall) => hall.code);
  const [regionDocs, channelDocs] = await Promise.all([
    regions.find({ code: { $in: [...new Set(nodes.map((hall) => hall.regionCode))] } }).toArray(),
    channels
      .find({ hallCodes: { $in: codes } })
      .sort({ code: 1 })
      .toArray(),
  ]);
  const regionByCode = new Map(regionDocs.map((region) => [region.code, region]));
  const now = new Date();
  const last = nodes.at(-1);
  return {
    data: {
      halls: {
        pageInfo: {
          hasNextPage: page.length > first,
          endCursor: last
            ? Buffer.from(JSON.stringify(['CODE', last.code, last._id.toHexString()])).toString('base64url')
            : null,
        },
        nodes: nodes.map((hall) => {
          const region = regionByCode.get(hall.regionCode);
          return {
            id: globalId('Hall', hall._id.toHexString()),
            code: hall.code,
            name: hall.name,
            tier: hall.tier,
            operation: hall.operation,
            area: hall.area,
            address: hall.address,
            phone: hall.phone,
            status: hall.status,
            location: { lat: hall.location.lat, lng: hall.location.lng },
            region: region ? { code: region.code, name: region.name } : null,
            channels: channelDocs
              .filter((channel) => channel.hallCodes.includes(hall.code))
              .map((channel) => ({ code: channel.code, name: channel.name, type: channel.type })),
            openingHours: {
              weekly: hall.openingHours.weekly.map((day) => day.map(({ start, end }) => ({ start, end }))),
              special: hall.openingHours.special.map((entry) => ({
                date: entry.date,
                closed: entry.closed,
                intervals: entry.intervals.map(({ start, end }) => ({ start, end })),
              })),
            },
            openNow: isOpenAt(hall, now),
          };
        }),
      },
    },
  };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The page size asked for: `?first=` on a GET, `variables.first` of a POSTed operation. */
async function firstOf(req, url) {
  if (req.method !== 'POST') return Number(url.searchParams.get('first') ?? 20);
  const text = await readBody(req);
  return text ? Number(JSON.parse(text).variables?.first ?? 20) : 20;
}

await client.connect();
const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/readyz') {
    res.writeHead(200).end('ready');
    return;
  }
  firstOf(req, url)
    .then((first) => hallsPage(Math.min(100, Math.max(0, first))))
    .then(
      (body) => {
        const payload = JSON.stringify(body);
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        });
        res.end(payload);
      },
      (error) => {
        res.writeHead(500).end(String(error));
      },
    );
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void client.close().then(() => process.exit(0));
});
