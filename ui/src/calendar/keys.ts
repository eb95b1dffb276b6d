// The calendar dialogs' Escape: it closes the dialog and goes no further (the day under it keeps
// the focus it gets back, and nothing else reacts to the same key).
export function closeOnEscape(onClose: () => void): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key !== "Escape") return;
    e.stopPropagation();
    onClose();
  };
}
