import { describe, expect, it } from 'vitest';
import { expandGapLevels } from './gaps-levels';

describe('expandGapLevels', () => {
	it('turns level strings into cells, skipping blanks and keeping not-applicable as null', () => {
		expect(expandGapLevels([{ reportId: 7 }, { reportId: 9 }], ['20', '-1 '])).toEqual([
			{ agencyIndex: 0, indicatorIndex: 0, level: 2, reportId: 7 },
			{ agencyIndex: 0, indicatorIndex: 1, level: 0, reportId: 7 },
			{ agencyIndex: 1, indicatorIndex: 0, level: null, reportId: 9 },
			{ agencyIndex: 1, indicatorIndex: 1, level: 1, reportId: 9 }
		]);
	});
});
