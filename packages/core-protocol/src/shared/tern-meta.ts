/**
 * Tern's own `_meta` keys (vendor keys, which other implementations ignore). They carry resumable
 * change delivery on `subscriptions/listen` streams: docs/change-delivery.md.
 */
export const TernMetaKey = {
  /** On each listen-stream notification (and the acknowledgement): where the stream stands. */
  Cursor: 'dev.tern/cursor',
  /** On a `subscriptions/listen` request: resume after this cursor. */
  ResumeAfter: 'dev.tern/resumeAfter',
  /** On the acknowledgement of a resumed stream: `replayed`, or `refetch` when events may be lost. */
  Resume: 'dev.tern/resume',
  /** On the notifications sent because events may be lost: refetch what they name. */
  Refetch: 'dev.tern/refetch',
} as const;

/** Longest cursor a listen request may carry. */
export const MAX_CURSOR_LENGTH = 200;
