// The fixed choices the editor offers; their names come from the core's Fluent messages.
import type { DraftStatus, Lang, Topic } from "../shared/bindings";

export const LANGS: readonly Lang[] = ["vi", "en"];

export const TOPICS: readonly Topic[] = [
  "policy_law",
  "weather_disaster",
  "health",
  "admin_procedure",
  "security_scam",
  "culture_tourism",
  "economy_products",
  "good_deeds",
  "other",
];

export const STATUSES: readonly DraftStatus[] = ["draft", "ready", "queued", "published", "archived"];

export const langMessageId = (lang: Lang) => `lang-${lang}`;
export const topicMessageId = (topic: Topic) => `topic-${topic}`;
export const statusMessageId = (status: DraftStatus) => `status-${status}`;
