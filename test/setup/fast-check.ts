/**
 * Property-based tests run with a fixed seed so CI is reproducible; explore new inputs locally
 * with `FC_SEED=random npm test` (a failure prints the seed and path that reproduce it).
 */
import fc from "fast-check";

const seed = process.env.FC_SEED;
if (seed !== "random") fc.configureGlobal({ seed: seed === undefined ? 20261126 : Number(seed) });
