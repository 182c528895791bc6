// The clients produce upstream credentials and must not import from credentials/: the type lives beside them.
export type { UpstreamCredential } from '../clients/vcf/UpstreamCredential';
