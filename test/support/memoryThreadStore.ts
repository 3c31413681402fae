import { ApiError } from "../../server/errors.ts";
import { titleFrom, type ThreadRecord, type ThreadStore } from "../../server/threadStore.ts";

/** An in-memory ThreadStore with the contract's ownership, filtering, sorting and paging rules. */
export function memoryThreadStore(): ThreadStore {
  const rows = new Map<string, ThreadRecord>();
  let clock = Date.now();
  /** Strictly increasing times, so sorting by them is deterministic within one test. */
  const now = () => new Date((clock += 1));
  const mine = (userId: string, threadId: string) => {
    const row = rows.get(threadId);
    return row && row.userId === userId ? row : null;
  };
  return {
    create(userId, input = {}) {
      const threadId = input.threadId ?? crypto.randomUUID();
      const existing = rows.get(threadId);
      if (existing) {
        if (existing.userId !== userId)
          return Promise.reject(new ApiError(404, "not_found", "Thread not found"));
        if (input.ifExists === "do_nothing") return Promise.resolve(existing);
        return Promise.reject(new ApiError(409, "conflict", "Thread already exists"));
      }
      const at = now();
      const row: ThreadRecord = {
        threadId,
        userId,
        title: null,
        metadata: input.metadata ?? {},
        status: "idle",
        createdAt: at,
        updatedAt: at,
      };
      rows.set(threadId, row);
      return Promise.resolve(row);
    },
    get: (userId, threadId) => Promise.resolve(mine(userId, threadId)),
    list(userId, { limit, offset, metadata, ids, status, sortBy = "updated_at", sortOrder = "desc" }) {
      const key = (r: ThreadRecord) =>
        sortBy === "created_at"
          ? r.createdAt.getTime()
          : sortBy === "updated_at"
            ? r.updatedAt.getTime()
            : sortBy === "status"
              ? r.status
              : r.threadId;
      const found = [...rows.values()]
        .filter(
          (r) =>
            r.userId === userId &&
            (!ids || ids.includes(r.threadId)) &&
            (!status || r.status === status) &&
            (!metadata ||
              Object.entries(metadata).every(
                ([k, v]) => JSON.stringify(r.metadata[k]) === JSON.stringify(v),
              )),
        )
        .sort((a, b) => {
          const [x, y] = sortOrder === "asc" ? [key(a), key(b)] : [key(b), key(a)];
          return x < y ? -1 : x > y ? 1 : 0;
        });
      return Promise.resolve(found.slice(offset, offset + limit));
    },
    touch(userId, threadId, changes = {}) {
      const row = mine(userId, threadId);
      if (!row) return Promise.resolve(null);
      const updated: ThreadRecord = {
        ...row,
        title: row.title ?? (changes.title ? titleFrom(changes.title) : null),
        status: changes.status ?? row.status,
        metadata: { ...row.metadata, ...changes.metadata },
        updatedAt: now(),
      };
      rows.set(threadId, updated);
      return Promise.resolve(updated);
    },
    delete: (userId, threadId) => Promise.resolve(mine(userId, threadId) !== null && rows.delete(threadId)),
    idsOf: (userId) =>
      Promise.resolve([...rows.values()].filter((r) => r.userId === userId).map((r) => r.threadId)),
    deleteAllFor(userId) {
      const ids = [...rows.values()].filter((r) => r.userId === userId).map((r) => r.threadId);
      for (const id of ids) rows.delete(id);
      return Promise.resolve(ids.length);
    },
  };
}
