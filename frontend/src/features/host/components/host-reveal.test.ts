import { describe, expect, it } from 'vitest';
import { rankChange } from './host-reveal';

describe('rankChange', () => {
  const ann = { playerId: 'a', nickname: 'Ann', score: 900, rank: 1 };
  it('is unknown on the first reveal', () => {
    expect(rankChange(null, ann)).toBeNull();
  });
  it('counts places gained and lost since the previous reveal', () => {
    expect(rankChange({ a: 3 }, ann)).toBe(2);
    expect(rankChange({ a: 1 }, { ...ann, rank: 4 })).toBe(-3);
    expect(rankChange({ a: 1 }, ann)).toBe(0);
  });
  it('marks a player new to the top 5', () => {
    expect(rankChange({ b: 1 }, ann)).toBe('new');
  });
});
