import { CLI_USAGE, parseCliArguments } from './cli/parseCliArguments';
import { startVcfSimulator } from './simulator/startVcfSimulator';
import { ADMIN_BASE_PATH } from './simulator/urlLayout';

/**
 * Command line entry: starts a simulator, prints one JSON line describing it
 * (URLs, service accounts, certificate) and stops cleanly on SIGTERM / SIGINT.
 */
async function main(argv: string[]): Promise<void> {
  const command = parseCliArguments(argv);
  if (command.kind === 'help') {
    process.stdout.write(`${CLI_USAGE}\n`);
    return;
  }
  const simulator = await startVcfSimulator(command.options);
  process.stdout.write(
    `${JSON.stringify({
      url: simulator.url,
      adminUrl: `${simulator.url}${ADMIN_BASE_PATH}`,
      environments: simulator.environments,
      certificatePem: simulator.certificatePem,
    })}\n`,
  );
  const stop = () => {
    simulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main(process.argv.slice(2)).catch(error => {
  process.stderr.write(`vcf-simulator: ${error.message}\n`);
  process.exit(2);
});
