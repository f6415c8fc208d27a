-- Which runs cover an export (a mailed export's receipt names the first): looked up by the export, not the run.
create index run_export_by_export on run_export (export_id, run_id);
