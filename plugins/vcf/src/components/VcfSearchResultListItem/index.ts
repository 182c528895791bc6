export {
  VcfSearchResultListItem,
  type VcfSearchResultListItemProps,
} from './VcfSearchResultListItem';
