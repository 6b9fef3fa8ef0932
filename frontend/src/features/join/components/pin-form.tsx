import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/text-field';
import { t } from '../../../messages/catalogue';
import styles from './join.module.css';

const PIN = /^\d{6}$/;

interface PinFormProps {
  initialPin?: string;
  /** A refusal of the PIN by the server, shown beside the field. */
  error?: string | null;
  onSubmit: (pin: string) => void;
}

/** The game PIN, typed on the phone's numeric keypad. */
export function PinForm({ initialPin = '', error = null, onSubmit }: PinFormProps) {
  const [pin, setPin] = useState(initialPin);
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!PIN.test(pin)) {
      setProblem(t('join.pin.invalid'));
      return;
    }
    setProblem(null);
    onSubmit(pin);
  }

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <TextField
        label={t('join.pin.label')}
        hint={t('join.pin.hint')}
        error={problem ?? error}
        className={styles.pin}
        name="pin"
        inputMode="numeric"
        autoComplete="off"
        pattern="[0-9]*"
        maxLength={6}
        value={pin}
        onChange={(event) => setPin(event.target.value.replace(/\D/g, '').slice(0, 6))}
      />
      <Button type="submit" block>
        {t('join.pin.submit')}
      </Button>
    </form>
  );
}
