/** An id usable in URLs and annotations: lower-case letters, digits and dashes. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** What {@link ID_PATTERN} asks for, as a form helper text. */
export const ID_HINT =
  'Lower-case letters, digits and dashes, starting with a letter or digit.';
