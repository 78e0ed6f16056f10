// Exit codes kept by every command (documented in the README).
export const EXIT = {
  ok: 0,
  findings: 1, // findings at or above the failure threshold / gate blocked
  input: 2, // usage or input error
  incomplete: 3, // some data could not be collected or some checks could not run
  internal: 4, // a bug in envgate: the message says where, for a report
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
