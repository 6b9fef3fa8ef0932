import { Component, type ReactNode } from 'react';
import { Button } from '../../components/ui/button';
import { Centered, Screen } from '../../components/ui/screen';
import { t } from '../../messages/catalogue';

/** A screen that says something broke (a failed chunk download after a deploy, a bug). */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidCatch(error: unknown) {
    console.error(error);
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Screen>
        <Centered>
          <h1>{t('app.crashed.title')}</h1>
          <p>{t('app.crashed.body')}</p>
          <Button onClick={() => window.location.reload()}>{t('app.crashed.reload')}</Button>
        </Centered>
      </Screen>
    );
  }
}
