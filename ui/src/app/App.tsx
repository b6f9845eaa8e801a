// The app's providers — preferences, language, notices, in-window dragging — around the workspace.
import { useSettings } from '../hooks/useSettings';
import { I18nProvider } from '../i18n/I18nProvider';
import { DragProvider } from './drag';
import { NoticesProvider } from './notices';
import { Workspace } from './Workspace';

export function App() {
  const settings = useSettings();
  return (
    <I18nProvider locale={settings.locale}>
      <NoticesProvider>
        <DragProvider>
          <Workspace settings={settings} />
        </DragProvider>
      </NoticesProvider>
    </I18nProvider>
  );
}
