/** The process's exit codes, as documented in the README and --help. */
export const EXIT = {
  ok: 0,
  /** --check found files that would change. */
  changes: 1,
  /** Bad flags, paths or mapping files. */
  usage: 2,
  /** A bug in scalekit-migrate itself; a failure inside one file never ends the run. */
  internal: 3,
} as const;
