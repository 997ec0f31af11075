-- SkillsOrleans schema 0001: the catalog of SQL that Orleans' ADO.NET providers execute.
-- Orleans reads every query it issues from this table by key; the provider packages ship no SQL of their own.
-- Every script in this directory is idempotent: applying it to a database that already has it changes nothing.

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64)   NOT NULL,
    querytext varchar(8000) NOT NULL,
    CONSTRAINT orleansquery_key PRIMARY KEY (querykey)
);
