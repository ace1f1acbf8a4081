import type { ObjectId } from 'mongodb';

/** A set of terms that mean the same to searchers (宽带 / 宽频 / broadband), as stored. */
export interface SynonymSetDoc {
  _id: ObjectId;
  terms: string[];
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

/** A synonym set as services hand it out (GraphQL needs no MongoDB types). */
export interface SynonymSet {
  /** The set's ObjectId, hex. */
  id: string;
  terms: string[];
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

/** The record of a stored set. */
export function toSynonymSet(doc: SynonymSetDoc): SynonymSet {
  return {
    id: doc._id.toHexString(),
    terms: doc.terms,
    version: doc.version,
    updatedAt: doc.updatedAt,
    updatedBy: doc.updatedBy,
  };
}
