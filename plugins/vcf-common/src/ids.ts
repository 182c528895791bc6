/**
 * The ids of VCF environments and vCenters: used in URLs, in the `vcf-backstage.io/environment` annotation and as
 * the inventory rows' `vcenterId`. One rule for config, the API and the forms of the frontend.
 *
 * @public
 */
export const VCF_ID_PATTERN = /^[a-z0-9][a-z0-9-_.]{0,99}$/i;

/**
 * What {@link VCF_ID_PATTERN} asks for, in words, for error messages and form helper texts.
 *
 * @public
 */
export const VCF_ID_HINT =
  "1–100 letters, digits, '-', '_' or '.', starting with a letter or digit.";

/**
 * Whether `id` is a valid environment or vCenter id ({@link VCF_ID_PATTERN}).
 *
 * @public
 */
export function isValidVcfId(id: string): boolean {
  return VCF_ID_PATTERN.test(id);
}
