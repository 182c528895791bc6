export interface Config {
  vcf?: {
    /**
     * Seconds a revealed password stays on the page before it is hidden again (1–300). Defaults to 20.
     * @visibility frontend
     */
    revealSeconds?: number;
  };
}
