/** The message for a link that could not be opened (role alert); the page shows the default scenario. */
import { useApp } from '../../runtime-context';

export function linkErrorText(error: string): string {
  const e = error.trim();
  return `This link could not be opened: ${e}${/[.!?]$/.test(e) ? '' : '.'} Showing the default scenario instead.`;
}

export function LinkAlert() {
  const error = useApp((s) => s.linkError);
  const setLinkError = useApp((s) => s.setLinkError);
  if (error === null) return null;
  return (
    <div className="alert link-alert" role="alert">
      <p>{linkErrorText(error)}</p>
      <button type="button" onClick={() => setLinkError(null)}>
        Dismiss
      </button>
    </div>
  );
}
