import { OPTION_SHAPES, OptionShape, optionLetter } from '../../../components/ui/option-shape';
import { t, type MessageKey } from '../../../messages/catalogue';
import type { PatternShape } from '../api/lobby-api';
import styles from './lobby-controls.module.css';

/** The shape's place among the answer options: the same colour and letter players know from the game. */
function shapeIndex(shape: PatternShape): number {
  return OPTION_SHAPES.indexOf(shape);
}

/** "triangle (A)": how one step of the pattern is named to a screen reader. */
export function patternStepName(shape: PatternShape): string {
  return `${t(`option.shape.${shape}` as MessageKey)} (${optionLetter(shapeIndex(shape))})`;
}

/**
 * The two-step join pattern on the big screen: four tiles in very large type, each with its
 * colour, shape and letter, so it reads from the back of the room and without colour vision.
 */
export function JoinPattern({ shapes }: { shapes: PatternShape[] }) {
  return (
    <div className={styles.pattern}>
      <p id="join-pattern-heading" className={styles.patternHeading}>
        {t('host.lobbyControls.patternHeading')}
      </p>
      <ol className={styles.patternSteps} aria-labelledby="join-pattern-heading">
        {shapes.map((shape, step) => (
          <li
            key={step}
            className={styles.patternStep}
            data-option={shapeIndex(shape)}
            data-shape={shape}
            aria-label={t('host.lobbyControls.patternStep', { step: step + 1, shape: patternStepName(shape) })}
          >
            <OptionShape index={shapeIndex(shape)} />
            <span aria-hidden="true">{optionLetter(shapeIndex(shape))}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
