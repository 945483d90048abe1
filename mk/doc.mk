dist_man_MANS += doc/edgecase.1 doc/edgecase-playbook.5
