"""The public web page: chart, filters, list and entry view; curator mode shows this same page as its preview."""
