from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "托育机构"

    def ready(self):
        from directory.models import District, Institution, InstitutionService, Street
        from directory.search.tasks import (
            district_changed,
            institution_changed,
            service_changed,
            street_changed,
        )

        # Saves and deletes keep the search cluster's index (when one is configured) in step; a renamed
        # district or street rewrites the documents of its institutions.
        post_save.connect(
            institution_changed, sender=Institution, dispatch_uid="directory_es_institution_saved"
        )
        post_delete.connect(
            institution_changed, sender=Institution, dispatch_uid="directory_es_institution_deleted"
        )
        post_save.connect(
            service_changed, sender=InstitutionService, dispatch_uid="directory_es_service_saved"
        )
        post_delete.connect(
            service_changed, sender=InstitutionService, dispatch_uid="directory_es_service_deleted"
        )
        post_save.connect(district_changed, sender=District, dispatch_uid="directory_es_district_saved")
        post_save.connect(street_changed, sender=Street, dispatch_uid="directory_es_street_saved")
