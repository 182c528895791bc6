export {
  RevealPasswordButton,
  credentialBlock,
  credentialLabel,
} from './RevealPassword';
export { RevealedSecretProvider } from './RevealedSecretContext';
