import type { ButtonHTMLAttributes } from 'react';
import styles from './ui.module.css';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'danger';
  block?: boolean;
}

export function Button({ variant = 'primary', block = false, className, type = 'button', ...props }: ButtonProps) {
  const classes = [styles.button, styles[variant], block ? styles.block : '', className ?? ''].join(' ').trim();
  return <button type={type} className={classes} {...props} />;
}

export function buttonClass(variant: 'primary' | 'secondary' | 'danger' = 'primary', block = false): string {
  return [styles.button, styles[variant], block ? styles.block : ''].join(' ').trim();
}
