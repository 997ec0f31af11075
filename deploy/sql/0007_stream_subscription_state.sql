-- SkillsOrleans schema 0007: stream subscription state (Orleans' PubSubRendezvousGrain) is stored with Orleans'
-- own serializer from this version on. Rows the JSON storage serializer wrote before cannot be read back, and a
-- stream whose registry cannot be read accepts no listener, so they are dropped. They only name the live listeners
-- of account event streams, which subscribe again when they reconnect. DbUp runs this once; running it again
-- would only make current listeners subscribe anew.

DELETE FROM orleansstorage WHERE graintypestring = 'PubSubRendezvousGrain';
