import { useStudio, useStudioStore } from '../store/react';
import { selectSettings } from '../store/selectors';
import { Dialog } from '../ui/Dialog';
import { ModelSettingsForm } from './ModelSettingsForm';

/** Model settings: the forward model runs workflows, the optimizer model answers backward passes. */
export default function SettingsDialog({ onClose }: { onClose: () => void }) {
  const store = useStudioStore();
  const settings = useStudio(selectSettings);
  return (
    <Dialog title="Models" onClose={onClose} wide testId="settings-dialog">
      <div className="grid gap-3 md:grid-cols-2">
        <ModelSettingsForm
          title="Forward model"
          value={settings.forward}
          onChange={(forward) => store.getState().setSettings({ ...settings, forward })}
        />
        <ModelSettingsForm
          title="Optimizer model"
          value={settings.optimizer}
          onChange={(optimizer) => store.getState().setSettings({ ...settings, optimizer })}
        />
      </div>
    </Dialog>
  );
}
