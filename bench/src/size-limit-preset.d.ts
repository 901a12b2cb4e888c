// The preset ships no types: it is a list of size-limit plugins.
declare module "@size-limit/preset-small-lib" {
  const plugins: ((...args: unknown[]) => unknown)[];
  export default plugins;
}
