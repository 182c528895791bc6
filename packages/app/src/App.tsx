import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';

/**
 * The demo app. Every plugin package listed in package.json is discovered (`app.packages: all` in
 * app-config.yaml); the VCF plugin is one of them and adds its page at /vcf, its entity tab and cards.
 */
export default createApp({
  features: [catalogPlugin, navModule],
});
