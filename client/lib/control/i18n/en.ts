/** What every screen says about directing the room (timer, follow me, locks, now and next), in English. */
export const en = {
  'room.timer': 'Timer',
  'room.timerLeft': '{time} left',
  'room.timerPaused': 'Paused',
  'room.timerDone': 'Time is up',
  'room.now': 'Now',
  'room.next': 'Next',
  'room.following': 'Following the facilitator',
  'room.stepOut': 'Step out',
  'room.notFollowing': 'The facilitator is guiding the room',
  'room.followAgain': 'Follow again',
  'room.youLead': 'Everyone follows you',
  'room.stopLeading': 'Stop',
  'room.boardLocked': 'The facilitator has locked this board: you can look, not change.',
  'room.streamsLocked': 'Locked by the facilitator: {streams}',
  'room.spotlightLoading': 'Loading…',
  'room.hiddenWaiting': { one: '{count} hidden idea waiting', other: '{count} hidden ideas waiting' },
} as const;
