import { controlDocName } from '../../shared/schema/doc-kinds.ts';
import { ControlDoc } from '../../shared/schema/control.ts';
import { hasRefusedOn } from '../auth/write-rights.ts';
import type { Registry } from '../docs/registry.ts';
import type { Room } from '../docs/room.ts';
import { CloseCodes } from '../protocol/close-codes.ts';

/**
 * The one way the control document changes (A3): server actions, called from HTTP handlers that have
 * already checked the caller may take them. Each change is one transaction, stored and fanned out like any
 * edit. A change that widens rights (unlocking, reopening a plan, opening every plan) then closes the
 * connections that had updates refused, so their clients reconnect and send them again in their sync step 2.
 */
export class ControlActions {
  constructor(private readonly registry: Registry) {}

  change<T>(routeId: string, edit: (control: ControlDoc) => T, options: { widensRights?: boolean } = {}): Promise<T> {
    return this.changeWith(routeId, [], (control) => edit(control), options);
  }

  /**
   * A control change made with changes to other documents (`docNames`, given to `edit` as rooms in that
   * order), in one commit: all of it is stored, or nothing (a reveal's cards, the idea counts the room sees).
   */
  async changeWith<T>(routeId: string, docNames: readonly string[], edit: (control: ControlDoc, rooms: Room[]) => T, options: { widensRights?: boolean } = {}): Promise<T> {
    const result = await this.registry.changeTogether([controlDocName(routeId), ...docNames], ([control, ...rooms]) => {
      let value!: T;
      control!.doc.transact(() => {
        value = edit(new ControlDoc(control!.doc), rooms);
      });
      return value;
    });
    // Stored by now: one that could not be was not made, and changeTogether threw (ChangeNotStored).
    if (options.widensRights) this.registry.closeWhere((_, rights) => hasRefusedOn(rights, routeId), CloseCodes.rightsChanged);
    return result;
  }

  read<T>(routeId: string, look: (control: ControlDoc) => T): Promise<T> {
    return this.registry.withRoom(controlDocName(routeId), (room) => look(new ControlDoc(room.doc)));
  }
}
