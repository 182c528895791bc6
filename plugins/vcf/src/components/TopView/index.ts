export { TopView } from './TopView';
