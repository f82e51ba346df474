/**
 * Size limits shared by every source. Above MAX_DOCUMENT_BYTES a text is not checked: lint reports
 * it in `errors`, the hook allows it with a note. Generated bundles and data dumps live up there;
 * code an agent writes does not.
 */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
