import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Whole pages render with several API calls and permission checks; on a loaded 2-core CI machine they take
// longer than testing-library's 1 s default. A wait only ends early when its condition holds, so a long limit
// costs nothing on a pass; the assertions stay the same. (Jest's own limit is the root package.json's testTimeout.)
configure({ asyncUtilTimeout: 60_000 });

// `usePermission` keeps its decisions in SWR's global cache and reuses a decision fetched less than 2 s before.
// Without this, the permission mocked by one test answers for the next one whenever it starts soon enough: a test
// would pass or fail depending on the machine's speed. Every render in a test gets its own SWR cache instead.
function withOwnSwrCache(actual: Record<string, any>): Record<string, any> {
  const React = jest.requireActual('react');
  const { SWRConfig } = jest.requireActual('swr');
  return {
    ...actual,
    renderInTestApp: (element: unknown, ...rest: unknown[]) =>
      actual.renderInTestApp(
        React.createElement(
          SWRConfig,
          { value: { provider: () => new Map() } },
          element,
        ),
        ...rest,
      ),
  };
}
jest.mock('@backstage/frontend-test-utils', () =>
  withOwnSwrCache(jest.requireActual('@backstage/frontend-test-utils')),
);
jest.mock('@backstage/test-utils', () =>
  withOwnSwrCache(jest.requireActual('@backstage/test-utils')),
);
