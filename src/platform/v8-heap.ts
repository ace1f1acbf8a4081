/**
 * How far V8 lets the heap grow between full collections, set by the service on itself so that every
 * start (`node dist/src/main.js`, the Docker image, `npm start`) gets it. Imported first by main.ts.
 *
 * Under load (50 clients sending mixed reads) a request's objects outlive two scavenges and are
 * promoted, so the old space fills with finished requests' garbage; with its default growth factor
 * (up to 4x the live size after a collection) V8 let it reach about 145 MiB before collecting it
 * again, for some 35-60 MiB of live data. `npm run bench -- rss` (50 clients x 60 s): peak RSS
 * 269 MiB before, 178 MiB with the heap allowed to grow by HEAP_GROWING_PERCENT over the live size
 * (README, Performance). The cost is more frequent full collections: the halls CPU row measures it.
 */
import v8 from 'node:v8';

/** Growth of the old-generation limit over the live size after a full collection, in percent. */
export const HEAP_GROWING_PERCENT = 50;

v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
