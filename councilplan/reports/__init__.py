"""Reports: builders gather a report's data into ``shape.Report``; renderers write any report."""
