/**
 * Size limits shared by every source. Up to MAX_DOCUMENT_BYTES a text is parsed; above it, a text
 * that holds a rule's word is checked by its language's linear token-level scan (engine/check.ts),
 * so a huge write can never carry a violation through unchecked. Above MAX_SCAN_BYTES a text is not
 * read at all: lint reports it, the hook allows it with a note.
 */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
export const MAX_SCAN_BYTES = 32 * 1024 * 1024;
/**
 * A hook payload up to this size (characters for the Node client, bytes for the fast client) is
 * sent to the warm daemon; larger ones are judged in the hook process (the daemon's messages are
 * capped: daemon/protocol.ts).
 */
export const MAX_DAEMON_PAYLOAD = 3 * MAX_DOCUMENT_BYTES;
