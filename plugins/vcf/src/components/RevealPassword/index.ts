export {
  RevealPasswordButton,
  REVEAL_SECONDS,
  credentialLabel,
} from './RevealPassword';
