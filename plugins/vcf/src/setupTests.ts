import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Whole pages render with several API calls and permission checks; on a loaded 2-core CI machine they take
// longer than testing-library's 1 s and jest's 5 s defaults. The assertions stay the same.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(60_000);
