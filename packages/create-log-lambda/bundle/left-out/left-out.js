// What the modules in this folder share: each stands in, inside create-log-lambda's bundle, for a
// package that only serves code paths create-log-lambda never takes (see build.mjs). Should one of
// those paths be taken after all, it fails with this message instead of doing something half-way.
export function leftOut(name, why) {
  return () => {
    throw new Error(`create-log-lambda is built without ${name}, which ${why}`);
  };
}
