import type { PageOf } from '../data/apiTypes';
import type { TruncatedPageMode } from '../simulator/types';

/** A validated `pageNumber` / `pageSize` pair; size 0 means "everything in one page" (spec). */
export interface PageRequest {
  pageNumber: number;
  pageSize: number;
}

function parseNonNegativeInteger(
  value: string | undefined,
): number | undefined {
  if (value === undefined || value === '') {
    return 0;
  }
  return /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Reads `pageNumber` and `pageSize` (strings per the spec, both default "0"); undefined when invalid. */
export function parsePageRequest(query: {
  pageNumber?: string;
  pageSize?: string;
}): PageRequest | undefined {
  const pageNumber = parseNonNegativeInteger(query.pageNumber);
  const pageSize = parseNonNegativeInteger(query.pageSize);
  if (pageNumber === undefined || pageSize === undefined) {
    return undefined;
  }
  return { pageNumber, pageSize };
}

/** Cuts one page out of a list and describes it with `pageMetadata`. */
export function paginate<T>(items: T[], request: PageRequest): PageOf<T> {
  const totalElements = items.length;
  if (request.pageSize === 0) {
    return {
      elements: request.pageNumber === 0 ? items : [],
      pageMetadata: {
        pageNumber: request.pageNumber,
        pageSize: totalElements,
        totalElements,
        totalPages: totalElements === 0 ? 0 : 1,
      },
    };
  }
  const start = request.pageNumber * request.pageSize;
  return {
    elements: items.slice(start, start + request.pageSize),
    pageMetadata: {
      pageNumber: request.pageNumber,
      pageSize: request.pageSize,
      totalElements,
      totalPages: Math.ceil(totalElements / request.pageSize),
    },
  };
}

/**
 * Damages a page the way an unreliable upstream would, leaving `pageMetadata`
 * untouched so that it claims more elements than the client receives.
 */
export function truncatePage<T>(
  page: PageOf<T>,
  mode: TruncatedPageMode,
): PageOf<T> {
  const { pageNumber, totalPages } = page.pageMetadata;
  if (mode === 'last-page-short' && pageNumber === totalPages - 1) {
    const kept = Math.floor(page.elements.length / 2);
    return { ...page, elements: page.elements.slice(0, kept) };
  }
  if (mode === 'page-missing' && pageNumber === Math.floor(totalPages / 2)) {
    return { ...page, elements: [] };
  }
  return page;
}
