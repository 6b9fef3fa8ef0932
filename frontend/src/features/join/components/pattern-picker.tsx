import { useId } from 'react';
import { Button } from '../../../components/ui/button';
import { OptionShape, optionLetter } from '../../../components/ui/option-shape';
import { t, type MessageKey } from '../../../messages/catalogue';
import { PATTERN_LENGTH, PATTERN_SHAPES, patternShapeIndex, type PatternShape } from '../join-pattern';
import styles from './join.module.css';

/** "triangle (A)": a shape as a screen reader says it, as the big screen labels it. */
function shapeName(shape: PatternShape): string {
  return `${t(`option.shape.${shape}` as MessageKey)} (${optionLetter(patternShapeIndex(shape))})`;
}

interface PatternPickerProps {
  pattern: PatternShape[];
  onChange: (pattern: PatternShape[]) => void;
  /** Why the pattern was refused, shown beside it and announced. */
  error?: string | null;
  disabled?: boolean;
}

/**
 * The phone's half of two-step join: four big shape buttons (colour, shape and letter, as
 * the answers in the game) tapped in the order the big screen shows, with the steps so far
 * above them and an undo.
 */
export function PatternPicker({ pattern, onChange, error, disabled = false }: PatternPickerProps) {
  const id = useId();
  const full = pattern.length >= PATTERN_LENGTH;
  return (
    <fieldset className={styles.pattern} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}>
      <legend className={styles.patternLegend}>{t('join.pattern.legend')}</legend>
      <p id={`${id}-hint`} className={styles.patternHint}>
        {t('join.pattern.hint')}
      </p>
      <ol className={styles.patternSlots} aria-label={t('join.pattern.chosen')}>
        {Array.from({ length: PATTERN_LENGTH }, (_, step) => {
          const shape = pattern[step];
          return (
            <li
              key={step}
              className={styles.patternSlot}
              data-option={shape ? patternShapeIndex(shape) : undefined}
              aria-label={
                shape ? t('join.pattern.step', { step: step + 1, shape: shapeName(shape) }) : t('join.pattern.stepEmpty', { step: step + 1 })
              }
            >
              {shape ? (
                <>
                  <OptionShape index={patternShapeIndex(shape)} />
                  <span aria-hidden="true">{optionLetter(patternShapeIndex(shape))}</span>
                </>
              ) : (
                <span aria-hidden="true">{step + 1}</span>
              )}
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {t('join.pattern.progress', { count: pattern.length, total: PATTERN_LENGTH })}
      </p>
      <div className={styles.patternShapes}>
        {PATTERN_SHAPES.map((shape) => (
          <button
            key={shape}
            type="button"
            className={styles.patternShape}
            data-option={patternShapeIndex(shape)}
            disabled={disabled || full}
            onClick={() => onChange([...pattern, shape])}
            aria-label={shapeName(shape)}
          >
            <OptionShape index={patternShapeIndex(shape)} />
            <span aria-hidden="true">{optionLetter(patternShapeIndex(shape))}</span>
          </button>
        ))}
      </div>
      <Button variant="secondary" block disabled={disabled || pattern.length === 0} onClick={() => onChange(pattern.slice(0, -1))}>
        {t('join.pattern.undo')}
      </Button>
      {error ? (
        <p id={`${id}-error`} className={styles.patternError} role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
