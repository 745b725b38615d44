"""Pages of the alleys app: public programme and accounts, voting, the ward's pages."""
