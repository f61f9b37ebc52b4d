// autocannon ships no types; the bench uses only the promise API.
declare module 'autocannon' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  export default function autocannon(options: Record<string, any>): Promise<any>;
}
