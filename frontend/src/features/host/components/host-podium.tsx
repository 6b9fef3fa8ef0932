import { Button } from '../../../components/ui/button';
import type { Standing } from '../../../lib/frames';
import { t } from '../../../messages/catalogue';
import styles from './host.module.css';

const PLACES = ['host.podium.first', 'host.podium.second', 'host.podium.third'] as const;

export function HostPodium({ title, top, busy, onEnd }: { title: string; top: Standing[]; busy: boolean; onEnd: () => void }) {
  return (
    <div className={styles.centerStage}>
      <p className={styles.progress}>{title}</p>
      <h1 className={styles.stageTitle}>{t('host.podium.title')}</h1>
      <ol className={styles.podium}>
        {top.slice(0, 3).map((standing, index) => (
          <li key={standing.playerId ?? index} className={styles.place} data-place={standing.rank}>
            <span className={styles.placeName}>{t(PLACES[Math.min(2, standing.rank - 1)] ?? PLACES[index]!)}</span>
            <span className={styles.podiumName}>{standing.nickname}</span>
            <span className={styles.score}>{t('host.podium.points', { score: standing.score })}</span>
          </li>
        ))}
      </ol>
      <Button onClick={onEnd} disabled={busy}>
        {t('host.podium.end')}
      </Button>
    </div>
  );
}
