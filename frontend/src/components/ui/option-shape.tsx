import { t, type MessageKey } from '../../messages/catalogue';
import styles from './ui.module.css';

/** The shapes of answer options in order: with the colour and the letter, never colour alone. */
export const OPTION_SHAPES = ['triangle', 'diamond', 'circle', 'square', 'star', 'hexagon'] as const;
export type OptionShapeName = (typeof OPTION_SHAPES)[number];

const PATHS: Record<OptionShapeName, string> = {
  triangle: 'M12 2 23 21H1z',
  diamond: 'M12 1 23 12 12 23 1 12z',
  circle: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z',
  square: 'M3 3h18v18H3z',
  star: 'M12 1.5l3.2 6.8 7.3.9-5.4 5 1.4 7.3L12 18l-6.5 3.5 1.4-7.3-5.4-5 7.3-.9z',
  hexagon: 'M6.5 2h11l5.5 10-5.5 10h-11L1 12z',
};

export function optionShape(index: number): OptionShapeName {
  return OPTION_SHAPES[index % OPTION_SHAPES.length] ?? 'triangle';
}

export function optionLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/** "Answer A (triangle)": how an option is named to a screen reader. */
export function optionName(index: number): string {
  return `${t('option.letter', { letter: optionLetter(index) })} (${t(`option.shape.${optionShape(index)}` as MessageKey)})`;
}

export function OptionShape({ index }: { index: number }) {
  return (
    <svg className={styles.shape} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[optionShape(index)]} />
    </svg>
  );
}
