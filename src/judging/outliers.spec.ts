import { outliersOf } from './judging-progress.service';

const cards = (...points: number[]) =>
  points.map((p, i) => ({ judgeId: `gk${i + 1}`, total: Math.round(p * 100) }));

describe('outliersOf (20 points from the median of the other judges)', () => {
  it('a very low card is the outlier, not the highest card it pulls the mean away from', () => {
    // mean of the others for 70 would be 45 (25 points away); their median is 60 (10 away)
    expect(outliersOf(cards(70, 60, 60, 60, 0))).toEqual(['gk5']);
  });

  it('takes the middle of an even number of others, in exact hundredths', () => {
    // others of gk1: 60, 60,01, 62, 62 → median 61,005; 81,01 is 20,005 away, 81 only 19,995
    expect(outliersOf(cards(81.01, 60, 60.01, 62, 62))).toEqual(['gk1']);
    expect(outliersOf(cards(81, 60, 60.01, 62, 62))).toEqual([]);
  });

  it('two judges 20 points apart are both flagged; one judge alone never is', () => {
    expect(outliersOf(cards(60, 40))).toEqual(['gk1', 'gk2']);
    expect(outliersOf(cards(60, 40.01))).toEqual([]);
    expect(outliersOf(cards(60))).toEqual([]);
  });
});
