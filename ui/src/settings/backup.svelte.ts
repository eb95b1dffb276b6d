// Settings › backups: "Back up to…" with progress, "Restore from…" (what the file holds first,
// then a restart on it) and the automatic daily copies.
import { api, pickFiles, pickSavePath } from "../shared/api";
import type { BackupPreview, BackupProgress, BackupSummary, DailyBackup, IpcError } from "../shared/bindings";
import { attempt } from "../shared/errors";

/** The extension of a backup file. */
export const BACKUP_EXTENSION = "loa-backup";

/** The suggested file name: the commune and the day, e.g. "Loa-Xa-Nam-Cang-2025-07-29.loa-backup". */
export function suggestedName(commune: string, day: Date): string {
  const slug = commune
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const date = day.toISOString().slice(0, 10);
  return `Loa-${slug ? `${slug}-` : ""}${date}.${BACKUP_EXTENSION}`;
}

export class BackupState {
  progress = $state<BackupProgress | null>(null);
  last = $state<BackupSummary | null>(null);
  /** A backup file chosen for restore and what it holds, waiting for the officer's yes. */
  pending = $state<{ path: string; preview: BackupPreview } | null>(null);
  restoring = $state(false);
  daily = $state<DailyBackup[] | null>(null);
  error = $state<IpcError | null>(null);

  get busy(): boolean {
    return this.progress !== null || this.restoring;
  }

  async backupNow(commune: string, filterName: string): Promise<void> {
    const path = await pickSavePath({
      defaultPath: suggestedName(commune, new Date()),
      extension: BACKUP_EXTENSION,
      filterName,
    });
    if (!path) return;
    this.error = null;
    this.last = null;
    this.progress = { done_bytes: 0, total_bytes: 0 };
    const done = await attempt(
      () => api.backupTo(path, (p) => (this.progress = p)),
      (e) => (this.error = e),
    );
    this.progress = null;
    if (done.ok) this.last = done.value;
  }

  async chooseRestore(filterName: string): Promise<void> {
    const picked = await attempt(
      () => pickFiles({ multiple: false, extensions: [BACKUP_EXTENSION], filterName }),
      (e) => (this.error = e),
    );
    const [path] = picked.ok ? picked.value : [];
    if (!path) return;
    this.error = null;
    const preview = await attempt(() => api.inspectBackup(path), (e) => (this.error = e));
    if (preview.ok) this.pending = { path, preview: preview.value };
  }

  /** Loa restarts on the backup once it was checked; only an error comes back here. */
  async confirmRestore(): Promise<void> {
    if (!this.pending) return;
    this.restoring = true;
    const { path } = this.pending;
    await attempt(() => api.restoreBackup(path), (e) => (this.error = e));
    this.restoring = false;
    this.pending = null;
  }

  cancelRestore(): void {
    this.pending = null;
  }

  async loadDaily(): Promise<void> {
    const list = await attempt(() => api.listBackups(), (e) => (this.error = e));
    if (list.ok) this.daily = list.value;
  }
}
