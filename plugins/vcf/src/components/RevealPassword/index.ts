export {
  RevealPasswordButton,
  credentialLabel,
} from './RevealPassword';
