import { OPTION_SHAPES } from '../../components/ui/option-shape';

/**
 * Two-step join: the big screen shows four shapes in order (repeats allowed), drawn from the
 * first four answer shapes, each with the colour and letter it has as an answer option.
 */
export const PATTERN_SHAPES = OPTION_SHAPES.slice(0, 4) as readonly PatternShape[];
export type PatternShape = 'triangle' | 'diamond' | 'circle' | 'square';
export const PATTERN_LENGTH = 4;

/** The shape's place among the answer options: its colour, letter and drawing. */
export function patternShapeIndex(shape: PatternShape): number {
  return PATTERN_SHAPES.indexOf(shape);
}
